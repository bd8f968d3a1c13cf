use actix_web::web::Bytes;

/// Telemetry attributes of the service (not actix's `resource`).
pub fn resource(service: &str) -> String {
    format!("service.name={service}")
}

pub fn payload(b: Bytes) -> usize {
    b.len()
}
