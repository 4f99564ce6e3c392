package org.wsusremediator.simulator;


/** The service pack a Windows build implies (6.0.6001 = 2008 SP1, 6.1.7601 = 2008 R2 SP1); 2003 builds are taken as SP2. */
final class ServicePacks {

    private ServicePacks() {
    }

    static int major(WindowsVersion os) {
        if (os.major() == 6 && os.minor() == 0) {
            return Math.max(0, os.build() - 6000);
        }
        if (os.major() == 6 && os.minor() == 1) {
            return Math.max(0, os.build() - 7600);
        }
        if (os.major() == 5 && os.minor() == 2) {
            return 2;
        }
        return 0;
    }
}
