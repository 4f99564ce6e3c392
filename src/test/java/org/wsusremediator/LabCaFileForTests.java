package org.wsusremediator;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.wsusremediator.simulator.LabCertificateAuthority;

/**
 * The lab inventory names {@code caFile: lab-ca.pem}, the certificate the lab simulator writes when it starts
 * (git ignores it). Many tests read inventory/lab.yaml without starting the lab, and the inventory refuses a
 * missing caFile: so before any test runs in a fresh checkout, the file is written once from a throwaway CA.
 * Tests that visit the lab's HTTPS hosts start the simulator first, which rewrites it with the CA it serves.
 */
public final class LabCaFileForTests implements LauncherSessionListener {

    static final Path LAB_CA = Path.of("inventory/lab-ca.pem");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (Files.isDirectory(LAB_CA.getParent()) && !Files.exists(LAB_CA)) {
            LabCertificateAuthority.create().writeCertificatePem(LAB_CA);
        }
    }
}
