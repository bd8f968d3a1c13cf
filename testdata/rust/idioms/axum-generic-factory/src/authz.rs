/// An authorizer of the project: lets callers without credentials in as anonymous.
#[derive(Clone, Copy)]
pub struct Lenient;
