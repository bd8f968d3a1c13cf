use crate::{MaybeVisitor, UserSession};

pub trait Context: 'static {
    type Session;
    type Visitor;
}

pub struct PgContext;

impl Context for PgContext {
    type Session = UserSession;
    type Visitor = MaybeVisitor;
}
