-- Resource managers (vastuuhenkilöt): the staff who look after a resource. They are told of its
-- bookings with the owner organisation's users, since teachers usually belong to no
-- organisation in Vaski (docs/adr/0005-sharing.md).
CREATE TABLE resource_managers (
    resource_id BIGINT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (resource_id, user_id)
);
-- "Which resources does this user look after?"
CREATE INDEX resource_managers_user ON resource_managers (user_id);
