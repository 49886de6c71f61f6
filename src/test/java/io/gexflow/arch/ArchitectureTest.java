package io.gexflow.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's dependency rules over the product's classes: cli -> models -> data, eval -> io; report
 * reads metrics and histories, never model classes; provenance and io import nothing above them; and
 * no cycle between the top-level packages. {@code interpret} (the D-GEX interpretation step: a trained
 * model in, eval's numbers and report's charts out) sits beside cli, above models and report.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gexflow");
    }

    @Test
    void ioImportsNothingAboveIt() {
        noClasses().that().resideInAPackage("io.gexflow.io..").should().dependOnClassesThat()
                .resideInAnyPackage("io.gexflow.cli..", "io.gexflow.models..", "io.gexflow.report..", "io.gexflow.data..",
                        "io.gexflow.eval..", "io.gexflow.provenance..", "io.gexflow.family..", "io.gexflow.interpret..")
                .check(classes);
    }

    @Test
    void provenanceImportsOnlyIo() {
        noClasses().that().resideInAPackage("io.gexflow.provenance..").should().dependOnClassesThat()
                .resideInAnyPackage("io.gexflow.cli..", "io.gexflow.models..", "io.gexflow.report..", "io.gexflow.data..",
                        "io.gexflow.eval..", "io.gexflow.family..", "io.gexflow.interpret..")
                .check(classes);
    }

    @Test
    void dataAndEvalImportNoModelNoReportNoCli() {
        noClasses().that().resideInAnyPackage("io.gexflow.data..", "io.gexflow.eval..").should().dependOnClassesThat()
                .resideInAnyPackage("io.gexflow.cli..", "io.gexflow.models..", "io.gexflow.report..", "io.gexflow.family..",
                        "io.gexflow.interpret..")
                .check(classes);
    }

    @Test
    void modelsImportNoReportNoCli() {
        noClasses().that().resideInAnyPackage("io.gexflow.models..", "io.gexflow.family..").should().dependOnClassesThat()
                .resideInAnyPackage("io.gexflow.cli..", "io.gexflow.report..", "io.gexflow.interpret..")
                .check(classes);
    }

    /** The family contract and the shared loop know no concrete family, no verb and no report. */
    @Test
    void familyDependsOnNoFamilyNoCliNoReport() {
        noClasses().that().resideInAPackage("io.gexflow.family..").should().dependOnClassesThat()
                .resideInAnyPackage("io.gexflow.cli..", "io.gexflow.report..", "io.gexflow.models..", "io.gexflow.interpret..")
                .check(classes);
    }

    @Test
    void reportReadsNoModelClassesAndNoCli() {
        noClasses().that().resideInAPackage("io.gexflow.report..").should().dependOnClassesThat()
                .resideInAnyPackage("io.gexflow.cli..", "io.gexflow.models..", "io.gexflow.family..", "io.gexflow.interpret..")
                .check(classes);
    }

    @Test
    void noCycleBetweenTopLevelPackages() {
        slices().matching("io.gexflow.(*)..").should().beFreeOfCycles().check(classes);
    }
}
