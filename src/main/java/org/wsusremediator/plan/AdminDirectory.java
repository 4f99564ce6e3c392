package org.wsusremediator.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.wsusremediator.input.Excerpt;
import org.wsusremediator.input.InputFileException;
import org.wsusremediator.input.InputFiles;
import org.wsusremediator.input.InputLimits;
import org.wsusremediator.input.ParserLimits;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The configured admins and the approval rules (docs/approvals.md). Identity: the admin whose personal token
 * (SHA-256 configured) is given, else the admin mapped to the OS user running the process. A name typed on
 * the command line is never trusted.
 */
public final class AdminDirectory {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper YAML = JsonMapper.builder(ParserLimits.yaml(InputLimits.YAML_FILE_BYTES).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private final List<Admin> admins;
    private final ApprovalPolicy policy;

    AdminDirectory(List<Admin> admins, ApprovalPolicy policy) {
        this.admins = List.copyOf(admins);
        this.policy = policy;
    }

    public ApprovalPolicy policy() {
        return policy;
    }

    public List<Admin> admins() {
        return admins;
    }

    /** Reads and checks the file; every problem is reported with the file and the field. */
    public static AdminDirectory read(Path file) {
        Config config;
        try {
            config = YAML.readValue(InputFiles.readUtf8(file, InputLimits.YAML_FILE_BYTES), Config.class);
        } catch (InputFileException e) {
            throw new ApprovalRefused(file + " " + e.reason());
        } catch (JsonMappingException e) {
            throw new ApprovalRefused(file + ": " + e.getPathReference() + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            String limit = ParserLimits.limitHit(e);
            throw new ApprovalRefused(file + ": " + (limit != null ? limit : "cannot be read: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (config == null || config.admins == null || config.admins.isEmpty()) {
            throw new ApprovalRefused(file + ": admins: at least one admin is required");
        }
        Set<String> names = new HashSet<>();
        Set<String> osUsers = new HashSet<>();
        List<Admin> admins = new ArrayList<>();
        for (int i = 0; i < config.admins.size(); i++) {
            AdminConfig a = config.admins.get(i);
            String at = file + ": admins[" + i + "]";
            if (a.name == null || a.name.isBlank()) {
                problems.add(at + ".name: required");
                continue;
            }
            if (!names.add(a.name.toLowerCase(Locale.ROOT))) {
                problems.add(at + ".name: '" + Excerpt.of(a.name) + "' is declared twice");
            }
            if (a.roles == null || a.roles.isEmpty()) {
                problems.add(at + ".roles: at least one of requester, approver");
            }
            for (String user : a.osUsers == null ? List.<String>of() : a.osUsers) {
                if (!osUsers.add(user.toLowerCase(Locale.ROOT))) {
                    problems.add(at + ".osUsers: OS user '" + Excerpt.of(user) + "' is mapped to two admins");
                }
            }
            String token = a.tokenSha256 == null ? null : a.tokenSha256.toLowerCase(Locale.ROOT);
            if (token != null && !HEX64.matcher(token).matches()) {
                problems.add(at + ".tokenSha256: must be 64 hex digits (sha256sum of the token)");
            }
            admins.add(new Admin(a.name, a.roles == null ? Set.of() : Set.copyOf(a.roles),
                    a.osUsers == null ? List.of() : a.osUsers, token));
        }
        ApprovalPolicy policy = ApprovalPolicy.DEFAULT;
        if (config.approvals != null) {
            ApprovalsConfig ap = config.approvals;
            int required = ap.required == null ? 1 : ap.required;
            int hours = ap.planValidityHours == null ? 72 : ap.planValidityHours;
            if (required < 1) {
                problems.add(file + ": approvals.required: must be at least 1 (was " + required + ")");
            }
            if (hours < 1) {
                problems.add(file + ": approvals.planValidityHours: must be at least 1 (was " + hours + ")");
            }
            if (problems.isEmpty()) {
                policy = new ApprovalPolicy(required, ap.twoPersonRule == null || ap.twoPersonRule, Duration.ofHours(hours));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApprovalRefused(String.join("\n", problems));
        }
        return new AdminDirectory(admins, policy);
    }

    /**
     * Who is acting: the admin owning {@code token} when one is given (a wrong token is refused, never
     * ignored), else the admin mapped to {@code osUser}.
     */
    public Admin identify(String osUser, String token) {
        if (token != null && !token.isEmpty()) {
            String hash = sha256(token);
            return admins.stream().filter(a -> hash.equals(a.tokenSha256())).findFirst()
                    .orElseThrow(() -> new ApprovalRefused("the admin token matches no configured admin"));
        }
        return admins.stream().filter(a -> a.osUsers().stream().anyMatch(u -> u.equalsIgnoreCase(osUser))).findFirst()
                .orElseThrow(() -> new ApprovalRefused("OS user '" + osUser + "' is not mapped to any admin (configured: "
                        + admins.stream().map(Admin::name).collect(Collectors.joining(", ")) + ")"));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static final class Config {
        @JsonProperty
        ApprovalsConfig approvals;
        @JsonProperty
        List<AdminConfig> admins;
    }

    static final class ApprovalsConfig {
        @JsonProperty
        Integer required;
        @JsonProperty
        Boolean twoPersonRule;
        @JsonProperty
        Integer planValidityHours;
        /** Where plan events go: read and checked by notify/NotifySettings, accepted here. */
        @JsonProperty
        List<String> notify;
    }

    static final class AdminConfig {
        @JsonProperty
        String name;
        @JsonProperty
        Set<Role> roles;
        @JsonProperty
        List<String> osUsers;
        @JsonProperty
        String tokenSha256;
    }
}
