mod add;
pub(crate) use add::weierstrass_add;

mod double;
pub(crate) use double::weierstrass_double;
