pub const ADMIN_PASSWORD: &str = "Tr0ub4dor&3x";
