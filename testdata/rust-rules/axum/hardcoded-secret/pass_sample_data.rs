// Values that only stand for a secret: sample records for the API documentation and
// request defaults whose words say what they are.
pub struct RegistrationToken {
    pub id: u64,
    pub token: String,
}

impl RegistrationToken {
    /// Examples shown in the generated API reference.
    pub fn samples() -> [Self; 2] {
        [
            Self { id: 1, token: "abc123def456".to_owned() },
            Self { id: 2, token: "xyz789abc012".to_owned() },
        ]
    }
}

pub struct ChangePassword {
    pub current_password: String,
    pub new_password: String,
}

impl Default for ChangePassword {
    fn default() -> Self {
        ChangePassword {
            current_password: "secret".into(),
            new_password: "topsecret".into(),
        }
    }
}

pub struct Settings {
    pub jwt_secret: String,
}

pub fn settings() -> Settings {
    Settings { jwt_secret: "acme-default-secret".to_owned() }
}
