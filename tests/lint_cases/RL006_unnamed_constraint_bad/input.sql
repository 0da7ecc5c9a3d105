-- Unnamed, a CHECK is added again on every run; a PRIMARY KEY fails. Neither can be guarded by name.
ALTER TABLE users ADD CHECK (phone_number <> '');
ALTER TABLE users ADD PRIMARY KEY (id);
