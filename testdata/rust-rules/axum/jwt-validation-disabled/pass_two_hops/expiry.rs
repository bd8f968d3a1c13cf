use crate::token::Claims;

impl Claims {
    pub fn is_expired(&self, now: i64) -> bool {
        self.exp <= now
    }
}
