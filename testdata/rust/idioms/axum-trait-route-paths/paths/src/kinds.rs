use std::borrow::Cow;

pub trait Place {
    fn route() -> &'static str;

    fn link(&self) -> Cow<'static, str> {
        Cow::Borrowed(Self::route())
    }
}

/// A place that is one fixed path.
pub trait FixedPlace {
    const AT: &'static str;
}

impl<P: FixedPlace> Place for P {
    fn route() -> &'static str {
        Self::AT
    }
}
