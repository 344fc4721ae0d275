-- Each tenant's token signing keys. The private JWK is encrypted (AES-256-GCM) under the
-- key-encryption key from configuration; only the public JWK is stored in the clear.
CREATE TABLE auth_signing_key (
    kid                 VARCHAR(64)   NOT NULL PRIMARY KEY,
    tenant_id           VARCHAR(40)   NOT NULL,
    algorithm           VARCHAR(10)   NOT NULL,
    public_jwk          VARCHAR(4000) NOT NULL,
    private_jwk_sealed  VARCHAR(8000) NOT NULL,
    created_at          TIMESTAMP     NOT NULL,
    signs_from          TIMESTAMP     NOT NULL,
    retired_at          TIMESTAMP,
    published_until     TIMESTAMP
);
CREATE INDEX auth_signing_key_tenant ON auth_signing_key (tenant_id, signs_from);
