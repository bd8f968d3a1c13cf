use anyhow::Result;

pub enum Command {
    WriteSpec,
    Serve,
}

/// Writes the OpenAPI document: builds the router only to read its description.
pub fn write_spec() -> Result<String> {
    let (_, spec) = crate::web::router()?;
    Ok(format!("{:?}", spec.info.title))
}

/// Counts the operator routes: builds the admin router and drops it.
pub fn check_admin() {
    let _ = crate::web::admin();
}
