use crate::{FixedPlace, Place};

pub struct Status;
impl FixedPlace for Status {
    const AT: &'static str = "/status";
}

pub struct Basket;
impl FixedPlace for Basket {
    const AT: &'static str = "/basket/items";
}

pub struct SignIn {
    pub then: Option<String>,
}
impl Place for SignIn {
    fn route() -> &'static str {
        "/sign-in"
    }
}

pub struct Receipt {
    pub id: u64,
}
impl Place for Receipt {
    fn route() -> &'static str {
        "/receipts/{id}"
    }

    fn link(&self) -> std::borrow::Cow<'static, str> {
        format!("/receipts/{}", self.id).into()
    }
}
