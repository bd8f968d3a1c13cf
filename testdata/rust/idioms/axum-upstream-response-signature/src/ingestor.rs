use std::fmt::Display;

#[derive(Debug)]
pub struct SendError;

impl Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ingestor receiver dropped")
    }
}

pub struct Ingestor;

impl Ingestor {
    pub async fn handle_message(&self, m: String) -> Result<(), SendError> {
        let _ = m;
        Err(SendError)
    }
}
