use rocket_cors::{AllowedOrigins, CorsOptions};

pub fn cors() -> rocket_cors::Cors {
    let allowed = AllowedOrigins::some_exact(&["https://app.example.com"]);
    CorsOptions {
        allowed_origins: allowed,
        allow_credentials: true,
        ..Default::default()
    }
    .to_cors()
    .unwrap()
}

/// Any origin, no credentials: a public API.
pub fn public() -> rocket_cors::Cors {
    CorsOptions::default()
        .allowed_origins(AllowedOrigins::all())
        .to_cors()
        .unwrap()
}
