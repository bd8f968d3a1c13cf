// A permissive CORS policy only a development setting turns on (`--dev-mode`, a debug flag
// of the configuration): not what the server runs by default.
use actix_cors::Cors;

pub struct ServerConfig {
    pub dev_mode: bool,
    pub debug: DebugConfig,
    pub allowed_origins: Vec<String>,
}

pub struct DebugConfig {
    pub open_cors: bool,
}

impl ServerConfig {
    pub fn cors(&self) -> Cors {
        if self.dev_mode {
            Cors::permissive()
        } else if self.debug.open_cors && !self.allowed_origins.is_empty() {
            Cors::default().allow_any_origin().supports_credentials()
        } else {
            let mut cors = Cors::default();
            for origin in &self.allowed_origins {
                cors = cors.allowed_origin(origin);
            }
            cors
        }
    }
}
