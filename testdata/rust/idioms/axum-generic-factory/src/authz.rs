/// An authorizer of the project: lets callers without credentials in as anonymous.
#[derive(Clone, Copy)]
pub struct Lenient;

/// What the authorizer attaches to each request.
#[derive(Clone)]
pub struct Session;
