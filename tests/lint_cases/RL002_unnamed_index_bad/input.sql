-- Without a name IF NOT EXISTS is not allowed, and every run adds one more index.
CREATE INDEX ON users (phone_number);
