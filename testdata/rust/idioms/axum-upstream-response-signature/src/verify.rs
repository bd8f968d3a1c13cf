/// Checks the signature a node put on its response.
pub fn verify_response_signature(body: &str) -> Result<(), ()> {
    if body.ends_with("sig") {
        Ok(())
    } else {
        Err(())
    }
}
