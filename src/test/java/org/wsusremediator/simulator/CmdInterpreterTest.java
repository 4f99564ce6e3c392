package org.wsusremediator.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CmdInterpreterTest {

    static final String STEP1 = "echo ##setup & reg query \"HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup\" & echo ##wsus2 & reg query \"HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{A0D46DC6-8950-451A-8990-53C86E17666E}\" & echo ##os & wmic os get Caption,Version /value <nul & echo ##arch %PROCESSOR_ARCHITECTURE% %PROCESSOR_ARCHITEW6432% & echo ##end";
    static final String STEP2 = "echo ##dll & wmic datafile where name=\"C:\\\\Program Files\\\\Update Services\\\\WebServices\\\\ClientWebService\\\\bin\\\\Microsoft.UpdateServices.WebServices.Client.Dll\" get Version /value <nul & echo ##log1 & findstr /n /c:\"Item has already been added\" /c:\"GetSyncInfo\" \"C:\\Program Files\\Update Services\\LogFiles\\SoftwareDistribution.log\" & echo ##log2 & findstr /n /c:\"Item has already been added\" /c:\"GetSyncInfo\" \"C:\\Program Files\\Update Services\\Log Files\\SoftwareDistribution.log\" & echo ##end";

    @Test
    void fallbackStep1OnServer2003PrintsReg3FormatAndWmicList() {
        ExecutionResult r = LabHosts.run("sp1-nops-2003", STEP1);

        assertThat(r.stdout()).isEqualTo("##setup \r\n"
                + "\r\n! REG.EXE VERSION 3.0\r\n\r\n"
                + "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup\r\n"
                + "    SqlServerName\tREG_SZ\tSP1-NOPS-2003\\MICROSOFT##SSEE\r\n"
                + "    SqlDatabaseName\tREG_SZ\tSUSDB\r\n"
                + "    VersionString\tREG_SZ\t3.1.6001.65\r\n"
                + "    TargetDir\tREG_SZ\tC:\\Program Files\\Update Services\\\r\n"
                + "    InstallType\tREG_DWORD\t0x1\r\n"
                + "    ContentDir\tREG_SZ\tC:\\WSUS\r\n"
                + "    PortNumber\tREG_DWORD\t0x50\r\n"
                + "    UsingSSL\tREG_DWORD\t0x0\r\n"
                + "\r\n"
                + "##wsus2 \r\n"
                + "##os \r\n"
                + "\r\r\n\r\r\nCaption=Microsoft(R) Windows(R) Server 2003 Enterprise x64 Edition\r\r\nVersion=5.2.3790\r\r\n\r\r\n\r\r\n\r\r\n"
                + "##arch AMD64 %PROCESSOR_ARCHITEW6432% \r\n"
                + "##end\r\n");
        assertThat(r.stderr()).isEqualTo("ERROR: The system was unable to find the specified registry key or value.\r\n");
        assertThat(r.exitCode()).isZero();
    }

    /** The fallback probe's identity commands, as reg.exe 6.x / 3.0 and cmd's set print them. */
    @Test
    void theMachinesOwnIdentityInTheRealToolsFormats() {
        String line = "reg query \"HKLM\\SOFTWARE\\Microsoft\\Cryptography\" /v MachineGuid & set COMPUTERNAME";
        ExecutionResult v6 = LabHosts.run("sp1-2008-x64", line);
        assertThat(v6.stdout()).isEqualTo("\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\r\n"
                + "    MachineGuid    REG_SZ    4c4c4544-0031-3510-8052-b2c04f4b3532\r\n\r\nCOMPUTERNAME=SP1-2008-X64\r\n");
        ExecutionResult v3 = LabHosts.run("sp1-nops-2003", line);
        assertThat(v3.stdout()).isEqualTo("\r\n! REG.EXE VERSION 3.0\r\n\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\r\n"
                + "    MachineGuid\tREG_SZ\t" + SimulatedHostSpec.defaultMachineGuid("sp1-nops-2003") + "\r\n\r\n"
                + "COMPUTERNAME=SP1-NOPS-2003\r\n");
        assertThat(v3.stderr()).isEmpty();
        assertThat(LabHosts.run("sp1-nops-2003", "reg query \"HKLM\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ActiveComputerName\" /v ComputerName").stdout())
                .contains("ComputerName\tREG_SZ\tSP1-NOPS-2003");
    }

    @Test
    void regQueryOnServer2008UsesFourSpaces() {
        ExecutionResult r = LabHosts.run("sp1-2008-x64", "reg query \"HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup\" /v VersionString");
        assertThat(r.stdout()).isEqualTo("\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup\r\n"
                + "    VersionString    REG_SZ    3.1.6001.65\r\n\r\n");
        assertThat(r.exitCode()).isZero();

        ExecutionResult missing = LabHosts.run("no-wsus-2008", "reg query \"HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup\"");
        assertThat(missing.stdout()).isEmpty();
        assertThat(missing.stderr()).isEqualTo(RegCommand.NOT_FOUND + "\r\n");
        assertThat(missing.exitCode()).isEqualTo(1);
    }

    @Test
    void fallbackStep2FindsDllAndSignaturesInLogFilesWithSpace() {
        ExecutionResult r = LabHosts.run("sp1-nops-2003", STEP2);

        assertThat(r.stdout()).startsWith("##dll \r\n\r\r\n\r\r\nVersion=3.1.6001.65\r\r\n\r\r\n\r\r\n\r\r\n##log1 \r\n##log2 \r\n");
        assertThat(r.stdout()).endsWith("##end\r\n");
        assertThat(r.stderr()).isEqualTo("FINDSTR: Cannot open C:\\Program Files\\Update Services\\LogFiles\\SoftwareDistribution.log\r\n");
        String log2 = r.stdout().substring(r.stdout().indexOf("##log2 \r\n") + 9, r.stdout().indexOf("##end"));
        assertThat(log2.lines()).allMatch(l -> l.matches("\\d+:.*"));
        assertThat(log2).contains("2008-06-12 17:40:05.093 UTC\tError\tw3wp.")
                .contains("Item has already been added. Key in dictionary: '8862'  Key being added: '8862'")
                .contains("at Microsoft.UpdateServices.Internal.ClientImplementation.GetSyncInfo(");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void wmicNeedsDoubledBackslashesAndReportsMissingFiles() {
        ExecutionResult single = LabHosts.run("sp1-2008-x64",
                "wmic datafile where name=\"C:\\Program Files\\x.dll\" get Version /value");
        assertThat(single.stderr()).contains("Description = Invalid query");

        ExecutionResult missing = LabHosts.run("sp1-dll-missing",
                "wmic datafile where name=\"C:\\\\Program Files\\\\Update Services\\\\WebServices\\\\ClientWebService\\\\bin\\\\Microsoft.UpdateServices.WebServices.Client.Dll\" get Version /value");
        assertThat(missing.stdout()).isEmpty();
        assertThat(missing.stderr()).isEqualTo("No Instance(s) Available.\r\n");
    }

    @Test
    void unknownCommandsAndMissingPowerShellGetCmdText() {
        ExecutionResult r = LabHosts.run("sp1-2008-x64", "frobnicate /x");
        assertThat(r.stderr()).isEqualTo("'frobnicate' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n");
        assertThat(r.exitCode()).isEqualTo(1);

        ExecutionResult ps = LabHosts.run("sp1-nops-2003", "powershell -NoProfile -NonInteractive -EncodedCommand AAAA");
        assertThat(ps.stderr()).startsWith("'powershell' is not recognized as an internal or external command,");
        assertThat(ps.exitCode()).isEqualTo(1);
    }

    @Test
    void operatorsFollowExitCodes() {
        assertThat(LabHosts.run("sp1-2008-x64", "nope && echo yes").stdout()).isEmpty();
        assertThat(LabHosts.run("sp1-2008-x64", "nope || echo fallback").stdout()).isEqualTo("fallback\r\n");
        assertThat(LabHosts.run("sp1-2008-x64", "echo a&&echo b").stdout()).isEqualTo("a\r\nb\r\n");
        assertThat(LabHosts.run("sp1-2008-x64", "echo \"a & b\" & echo c").stdout()).isEqualTo("\"a & b\" \r\nc\r\n");
        assertThat(LabHosts.run("sp1-2008-x64", "echo x 2>nul & nope 2>nul").stderr()).isEmpty();
        assertThat(LabHosts.run("sp1-2008-x64", "nope 2>&1").stdout()).startsWith("'nope' is not recognized");
        assertThat(LabHosts.run("sp1-2008-x64", "echo.").stdout()).isEqualTo("\r\n");
        assertThat(LabHosts.run("sp1-2008-x64", "echo").stdout()).isEqualTo("ECHO is on.\r\n");
        assertThat(LabHosts.run("sp1-2008-x64", "type \"C:\\Program Files\\Update Services\\LogFiles\\SoftwareDistribution.log\" | findstr /c:GetSyncInfo").exitCode()).isZero();
        assertThat(LabHosts.run("sp1-2008-x64", "exit 3").exitCode()).isEqualTo(3);
        assertThat(LabHosts.run("sp1-2008-x64", "cmd /c \"echo in & hostname\"").stdout()).isEqualTo("in \r\nsp1-2008-x64\r\n");
    }

    @Test
    void everydayTools() {
        assertThat(LabHosts.run("sp1-2008-x64", "hostname").stdout()).isEqualTo("sp1-2008-x64\r\n");
        assertThat(LabHosts.run("sp1-2008-x64", "whoami").stdout()).isEqualTo("lab\\wsus-admin\r\n");
        assertThat(LabHosts.run("sp1-2003-x86", "ver").stdout()).isEqualTo("\r\nMicrosoft Windows [Version 5.2.3790]\r\n");
        String ipconfig = LabHosts.run("sp1-2008-x64", "ipconfig /all").stdout();
        assertThat(ipconfig).contains("   Host Name . . . . . . . . . . . . : sp1-2008-x64\r\n")
                .contains("   IPv4 Address. . . . . . . . . . . : 127.54.0.11(Preferred)\r\n")
                .contains("   Connection-specific DNS Suffix  . : \r\n");
        assertThat(LabHosts.run("sp1-2003-x86", "ipconfig").stdout())
                .contains("        IP Address. . . . . . . . . . . . : 127.54.0.12\r\n");
    }

    @Test
    void regAddAndDeleteChangeTheHost() {
        SimulatedHost host = LabHosts.host("no-wsus-2008");
        ShellContext shell = LabHosts.shell(host);
        ExecutionResult add = CmdInterpreter.run(shell, "reg add \"HKLM\\SOFTWARE\\Test\" /v Flag /t REG_DWORD /d 5 /f", "");
        assertThat(add.stdout()).isEqualTo("The operation completed successfully.\r\n");
        assertThat(CmdInterpreter.run(shell, "reg query HKLM\\SOFTWARE\\Test", "").stdout())
                .isEqualTo("\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Test\r\n    Flag    REG_DWORD    0x5\r\n\r\n");
        assertThat(CmdInterpreter.run(shell, "reg delete HKLM\\SOFTWARE\\Test /f", "").exitCode()).isZero();
        assertThat(host.registry().exists("HKLM\\SOFTWARE\\Test")).isFalse();
    }
}
