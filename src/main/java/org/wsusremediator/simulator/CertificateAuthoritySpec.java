package org.wsusremediator.simulator;

import java.nio.file.Path;

/**
 * The fleet file's {@code certificateAuthority} section: where the simulator writes the lab CA's certificate
 * (PEM, public part only) at each start, so that clients and the lab inventory ({@code caFile}) can trust it.
 *
 * @param certificateFile the PEM file; a relative path is relative to the fleet file (to the working directory
 *                        for fleets parsed from text)
 */
public record CertificateAuthoritySpec(String certificateFile) {

    public CertificateAuthoritySpec {
        Checks.required("certificateFile", certificateFile);
        if (certificateFile.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("certificateFile: must not contain a control character");
        }
    }

    public Path path() {
        return Path.of(certificateFile);
    }

    /** This section with a relative file resolved against {@code directory} (the fleet file's). */
    CertificateAuthoritySpec resolvedAgainst(Path directory) {
        return path().isAbsolute() || directory == null ? this
                : new CertificateAuthoritySpec(directory.resolve(certificateFile).normalize().toString());
    }
}
