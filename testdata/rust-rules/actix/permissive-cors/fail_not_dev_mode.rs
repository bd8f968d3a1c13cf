// The same policies under settings that are not for development: the `else` of a
// development flag, and flags named for something else.
use actix_cors::Cors;

pub struct ServerConfig {
    pub dev_mode: bool,
    pub open_cors: bool,
    pub devices: bool,
}

impl ServerConfig {
    pub fn cors(&self) -> Cors {
        if self.dev_mode {
            Cors::default()
        } else {
            Cors::permissive() //~ permissive-cors
        }
    }

    pub fn device_cors(&self) -> Cors {
        if self.open_cors || self.devices {
            Cors::default().allow_any_origin().supports_credentials() //~ permissive-cors
        } else {
            Cors::default()
        }
    }
}
