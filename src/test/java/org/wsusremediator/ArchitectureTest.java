package org.wsusremediator;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package boundaries, stated as rules and checked on the compiled product (not the tests) with the unit
 * tests. A rule that fails names the class and the dependency that broke it; the fix is to move the code to
 * where the rule allows it, not to widen the rule without saying why here.
 */
@AnalyzeClasses(packages = "org.wsusremediator", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String SIMULATOR = "org.wsusremediator.simulator..";
    private static final String CLI = "org.wsusremediator.cli..";
    private static final String BENCH = "org.wsusremediator.bench..";

    /** Packages in a cycle can only be understood, tested and changed together. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.wsusremediator.(*)..")
            .should().beFreeOfCycles();

    /**
     * What a host's visit produces lives in {@code host}: the scan, the acting steps and the plans meet there
     * and do not reach into each other (the cycle between them that {@code host} replaced).
     */
    @ArchTest
    static final ArchRule scanRemediateAndPlanMeetOnlyInHost = noClasses()
            .that().resideInAPackage("org.wsusremediator.scan..")
            .should().dependOnClassesThat().resideInAnyPackage("org.wsusremediator.remediate..", "org.wsusremediator.plan..")
            .orShould().dependOnClassesThat().resideInAPackage("org.wsusremediator.apply..")
            .because("a scan visits and reports; acting and plans build on its report, not the other way round");

    @ArchTest
    static final ArchRule remediateKnowsNeitherScansNorPlans = noClasses()
            .that().resideInAPackage("org.wsusremediator.remediate..")
            .should().dependOnClassesThat().resideInAnyPackage("org.wsusremediator.scan..", "org.wsusremediator.plan..",
                    "org.wsusremediator.apply..")
            .because("acting on a host takes its report and a ChangeGuard; which scan or plan led there is not its business");

    @ArchTest
    static final ArchRule planKnowsNeitherScansNorActing = noClasses()
            .that().resideInAPackage("org.wsusremediator.plan..")
            .should().dependOnClassesThat().resideInAnyPackage("org.wsusremediator.scan..",
                    "org.wsusremediator.remediate..", "org.wsusremediator.apply..")
            .because("a plan is made from host reports and approved; how hosts are visited or changed is not in it");

    /** One place knows WinRM4J and the CXF under it: the winrm component. */
    @ArchTest
    static final ArchRule winRm4jOnlyInTheWinrmComponent = noClasses()
            .that().resideOutsideOfPackage("org.wsusremediator.winrm..")
            .should().dependOnClassesThat().resideInAnyPackage("io.cloudsoft.winrm4j..", "org.apache.cxf..")
            .because("the rest of the product talks to hosts through the winrm: endpoint and its HostVisitor");

    /** The stand-in for Windows must not share the parsers it is meant to check. */
    @ArchTest
    static final ArchRule simulatorImportsNothingOfTheProduct = noClasses()
            .that().resideInAPackage(SIMULATOR)
            .should().dependOnClassesThat(resideInAPackage("org.wsusremediator..").and(not(resideInAPackage(SIMULATOR))))
            .because("the simulator answers as Windows would; sharing the product's code would let a bug agree with itself");

    /** The product runs against real hosts; only the lab and benchmark wiring start a simulated fleet. */
    @ArchTest
    static final ArchRule onlyTheLabWiringReachesTheSimulator = noClasses()
            .that().resideOutsideOfPackages(SIMULATOR, CLI, BENCH)
            .should().dependOnClassesThat(resideInAnyPackage(SIMULATOR))
            .because("the CLI's lab and simulate commands and the benchmark start simulated fleets; nothing else may");

    /** The CLI is the outermost layer: route beans, the app and the store are used by it, never the reverse. */
    @ArchTest
    static final ArchRule nothingDependsOnTheCli = noClasses()
            .that().resideOutsideOfPackage(CLI)
            .should().dependOnClassesThat().resideInAPackage(CLI)
            .because("Camel route beans and the core must run without picocli's commands (serve, tests, the benchmark)");
}
