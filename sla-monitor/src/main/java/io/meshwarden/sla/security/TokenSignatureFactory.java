package io.meshwarden.sla.security;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The HS256 signature that signs the tokens {@code POST /login} issues and checks bearer tokens, with
 * the secret of {@code meshwarden.security.jwt.secret} ({@link SecuritySettings}). Built here rather
 * than from Micronaut's {@code micronaut.security.token.jwt.signatures.secret.*} properties so that
 * the secret is set like every other Meshwarden setting; tokens of an external issuer are checked
 * against its keys with Micronaut's own {@code micronaut.security.token.jwt.signatures.jwks.NAME.url}.
 */
@Factory
public class TokenSignatureFactory {
    static final String GENERATOR = "generator";

    @Singleton
    @Named(GENERATOR)
    SignatureGeneratorConfiguration signature(SecuritySettings settings) {
        SecretSignatureConfiguration configuration = new SecretSignatureConfiguration(GENERATOR);
        configuration.setSecret(settings.jwtSecret());
        configuration.setJwsAlgorithm(JWSAlgorithm.HS256);
        return new SecretSignature(configuration);
    }
}
