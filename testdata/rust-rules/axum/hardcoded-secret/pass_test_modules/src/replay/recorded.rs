pub struct Recorded {
    pub token: &'static str,
}

pub const RECORDED: Recorded = Recorded {
    token: "eyJhbGciOiJIUzI1NiJ9.c3ViOjE.q8Zt3kLm",
};
