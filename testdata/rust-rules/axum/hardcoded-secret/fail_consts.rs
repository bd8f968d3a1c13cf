pub const JWT_SECRET: &str = "not-so-secret"; //~ hardcoded-secret
