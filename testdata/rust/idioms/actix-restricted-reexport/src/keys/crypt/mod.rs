mod seal_op;
mod unseal_op;

pub(in crate::keys) use seal_op::seal;
pub(super) use unseal_op::unseal;
