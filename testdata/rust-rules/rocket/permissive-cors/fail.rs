use rocket_cors::{AllowedOrigins, CorsOptions};

pub fn cors_literal() -> rocket_cors::Cors {
    CorsOptions {
        allowed_origins: AllowedOrigins::all(), //~ permissive-cors
        allow_credentials: true,
        ..Default::default()
    }
    .to_cors()
    .unwrap()
}

pub fn cors_builder() -> rocket_cors::Cors {
    CorsOptions::default()
        .allow_credentials(true) //~ permissive-cors
        .to_cors()
        .unwrap()
}
