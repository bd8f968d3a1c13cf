//! `jwt-validation-disabled`: tokens accepted without checking their signature or expiry.
//!
//! - `validation.insecure_disable_signature_validation()` (jsonwebtoken): at the call;
//! - `validation.validate_exp = false` and `Validation { validate_exp: false, .. }`: at the
//!   assignment or the field;
//! - `dangerous_insecure_decode`, `dangerous_insecure_decode_with_validation`,
//!   `dangerous_unsafe_decode` (jsonwebtoken 7/8) and `insecure_decode` (newer versions): at
//!   the call.

use syn::{Expr, ExprAssign, ExprCall, ExprMethodCall, ExprStruct, Member};

use super::{is_lit_bool, peel, Walker};

pub(crate) const MARKERS: &[&str] = &[
    "insecure_disable_signature_validation",
    "validate_exp",
    "dangerous_insecure_decode",
    "dangerous_unsafe_decode",
    "insecure_decode",
];

const RULE: &str = "jwt-validation-disabled";

pub(crate) fn method(w: &mut Walker<'_, '_>, m: &ExprMethodCall) {
    if m.method == "insecure_disable_signature_validation" {
        let span = w.method_span(m);
        w.hit(
            RULE,
            span,
            "`insecure_disable_signature_validation()`: tokens are accepted without checking their signature, so anyone can write their own".into(),
        );
    }
}

pub(crate) fn call(w: &mut Walker<'_, '_>, c: &ExprCall, segs: &[String]) {
    let Some(last) = segs.last() else { return };
    if matches!(
        last.as_str(),
        "dangerous_insecure_decode"
            | "dangerous_insecure_decode_with_validation"
            | "dangerous_unsafe_decode"
            | "insecure_decode"
    ) {
        let span = w.span(c);
        w.hit(
            RULE,
            span,
            format!("`{last}` reads a token without verifying its signature: its claims are whatever the caller wrote"),
        );
    }
}

const EXP_MESSAGE: &str =
    "`validate_exp = false`: expired tokens are accepted forever, so a leaked token never stops working";

pub(crate) fn assign(w: &mut Walker<'_, '_>, a: &ExprAssign) {
    let Expr::Field(f) = peel(&a.left) else {
        return;
    };
    if matches!(&f.member, Member::Named(n) if n == "validate_exp") && is_lit_bool(&a.right, false)
    {
        let span = w.span(a);
        w.hit(RULE, span, EXP_MESSAGE.into());
    }
}

pub(crate) fn struct_lit(w: &mut Walker<'_, '_>, s: &ExprStruct) {
    for f in &s.fields {
        if matches!(&f.member, Member::Named(n) if n == "validate_exp")
            && is_lit_bool(&f.expr, false)
        {
            let span = w.span(f);
            w.hit(RULE, span, EXP_MESSAGE.into());
        }
    }
}
