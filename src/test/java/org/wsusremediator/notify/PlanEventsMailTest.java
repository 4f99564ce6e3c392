package org.wsusremediator.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.store.Store;
import org.wsusremediator.store.TestDatabases;

/**
 * Plan events by mail: a real SMTP server on loopback (GreenMail) that requires a login receives each event of a
 * plan, sent by the remediator's Camel context through camel-mail as serve runs it; the mail password appears in no
 * log line and in no outbox row.
 */
class PlanEventsMailTest {

    private static final String MAIL_SECRET = "m41l-Relay-s3cret";

    @TempDir
    Path dir;

    private final List<Runnable> cleanups = new ArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void cleanUp() {
        cleanups.forEach(Runnable::run);
    }

    @PlanExpiryTest.OnEachDatabase
    void eachPlanEventArrivesAsAMailToTheAdmins(TestDatabases.Target target) throws Exception {
        GreenMail smtp = relay(MAIL_SECRET);
        int port = smtp.getSmtp().getPort();
        NotifySettings settings = mailTo(port);
        try (Store store = target.create(dir, cleanups).open();
             PlanEvents events = new PlanEvents(store, PlanExpiryTest.POLICY, settings, PlanEventsRouteTest.FAST,
                     Clock.systemUTC(), log::add);
             Remediator remediator = Remediator.start(new RunSettings(dir.resolve("reports"), 1, Map.of(), store),
                     events.beans())) {
            remediator.addPlanEvents(events.templateParameters(false));
            Instant now = Instant.now();
            store.savePlan(PlanExpiryTest.plan("p-mail", now, Duration.ofHours(1)));
            store.recordApproval(PlanExpiryTest.decide("p-mail", "bob", Decision.APPROVE, now, "wsus01"));

            await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length == 2);
            MimeMessage[] mails = smtp.getReceivedMessages();
            assertThat(Arrays.stream(mails).map(PlanEventsMailTest::subject).sorted().toList()).containsExactly(
                    "[wsus-remediator] PLAN_APPROVED p-mail", "[wsus-remediator] PLAN_PENDING p-mail");
            MimeMessage approved = Arrays.stream(mails).filter(m -> subject(m).contains("PLAN_APPROVED")).findFirst()
                    .orElseThrow();
            assertThat(approved.getAllRecipients()[0].toString()).isEqualTo("wsus-admins@lab.example");
            assertThat(approved.getFrom()[0].toString()).isEqualTo("remediator@lab.example");
            assertThat(approved.getContentType()).startsWith("text/plain");
            JsonNode event = PlanEventsRouteTest.read(GreenMailUtil.getBody(approved));
            assertThat(event.path("event").asText()).isEqualTo("PLAN_APPROVED");
            assertThat(event.path("admin").asText()).isEqualTo("bob");
            assertThat(event.path("hosts").toString()).isEqualTo("[\"wsus01\"]");
            await().atMost(Duration.ofSeconds(10)).until(() -> events.outboxCounts().equals(Map.of("SENT", 2L)));
            assertThat(String.join("\n", log)).doesNotContain(MAIL_SECRET);
            try (var c = store.connect(); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT endpoint, last_error, event FROM notifications")) {
                while (rs.next()) {
                    for (int i = 1; i <= 3; i++) {
                        assertThat(String.valueOf(rs.getString(i))).doesNotContain(MAIL_SECRET);
                    }
                }
            }
        }
    }

    @PlanExpiryTest.OnEachDatabase
    void aRelayThatRefusesTheLoginIsRetriedAndNamedWithoutItsPassword(TestDatabases.Target target) throws Exception {
        GreenMail smtp = relay("other");
        int port = smtp.getSmtp().getPort();
        NotifySettings settings = mailTo(port);
        try (Store store = target.create(dir, cleanups).open();
             PlanEvents events = new PlanEvents(store, PlanExpiryTest.POLICY, settings, PlanEventsRouteTest.FAST,
                     Clock.systemUTC(), log::add);
             Remediator remediator = Remediator.start(new RunSettings(dir.resolve("reports"), 1, Map.of(), store),
                     events.beans())) {
            remediator.addPlanEvents(events.templateParameters(false));
            Instant now = Instant.now();
            store.savePlan(PlanExpiryTest.plan("p-refused", now, Duration.ofHours(1)));
            await().atMost(Duration.ofSeconds(30)).until(() -> events.counters().failedAttempts() >= 2);
            assertThat(smtp.getReceivedMessages()).isEmpty();
            assertThat(log).anySatisfy(l -> assertThat(l).contains("could not send PLAN_PENDING",
                    "approvals.notify[0] (smtp://127.0.0.1:" + port + "/…)"));
            assertThat(String.join("\n", log)).doesNotContain(MAIL_SECRET);
        }
    }

    /** An SMTP server on loopback (any free port) that accepts the login notify / {@code password} only. */
    private GreenMail relay(String password) {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("notify@lab.example", "notify", password));
        smtp.start();
        cleanups.add(smtp::stop);
        return smtp;
    }

    /** The one mail endpoint, logging in as notify with {@link #MAIL_SECRET}. */
    private static NotifySettings mailTo(int port) {
        return NotifySettings.of(List.of("smtp://127.0.0.1:" + port + "?username=notify&password=" + MAIL_SECRET
                + "&from=remediator@lab.example&to=wsus-admins@lab.example"));
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
