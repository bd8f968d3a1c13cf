//! [`Rule`]: every rule by name, generated from `rules/` (see `build.rs`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/rule.rs"));

impl Rule {
    /// Its place in [`Rule::ALL`] (and in every table ordered like it).
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad`: widths and alignment (`{:<w$}`) apply, as to a `str`.
        f.pad(self.as_str())
    }
}

/// An id that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a rule id", self.0)
    }
}

impl std::error::Error for UnknownRule {}

impl FromStr for Rule {
    type Err = UnknownRule;
    fn from_str(s: &str) -> Result<Rule, UnknownRule> {
        Rule::from_id(s).ok_or_else(|| UnknownRule(s.to_owned()))
    }
}

impl From<Rule> for String {
    fn from(r: Rule) -> String {
        r.as_str().to_owned()
    }
}

/// A diagnostic's `rule` (a rule id, or a problem code such as `config-error`) compared with
/// a rule.
impl PartialEq<Rule> for String {
    fn eq(&self, r: &Rule) -> bool {
        self == r.as_str()
    }
}

impl PartialEq<Rule> for str {
    fn eq(&self, r: &Rule) -> bool {
        self == r.as_str()
    }
}

impl PartialEq<Rule> for &str {
    fn eq(&self, r: &Rule) -> bool {
        *self == r.as_str()
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Rule, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Rule::from_id(&s).ok_or_else(|| serde::de::Error::custom(UnknownRule(s.into_owned())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_in_order() {
        for (i, r) in Rule::ALL.iter().enumerate() {
            assert_eq!(r.index(), i);
            assert_eq!(r.as_str().parse::<Rule>(), Ok(*r));
        }
        assert!(Rule::ALL.windows(2).all(|w| w[0].as_str() < w[1].as_str()));
        assert_eq!(
            Rule::TlsVerificationDisabled.as_str(),
            "tls-verification-disabled"
        );
        assert!("tls-verification-disable".parse::<Rule>().is_err());
    }
}
