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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configured admins and the approval rules (docs/approvals.md, docs/server.md). Identity: the admin whose
 * personal token is given (its Argon2id hash configured, {@link SecretHash}), else the admin mapped to the OS user
 * running the process; the server also takes a name and password (HTTP Basic). A name typed on the command line
 * is never trusted.
 */
public final class AdminDirectory {

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
                problems.add(at + ".roles: at least one of viewer, requester, approver, operator");
            }
            for (String user : a.osUsers == null ? List.<String>of() : a.osUsers) {
                if (!osUsers.add(user.toLowerCase(Locale.ROOT))) {
                    problems.add(at + ".osUsers: OS user '" + Excerpt.of(user) + "' is mapped to two admins");
                }
            }
            if (a.tokenSha256 != null) {
                // A fast unsalted hash lets a copy of this file give the token away: no longer accepted.
                problems.add(at + ".tokenSha256: no longer accepted (a fast unsalted hash). Give the admin's token to"
                        + " 'remediator admin hash' (it reads it from standard input) and write what it prints as"
                        + " 'tokenHash: \"$argon2id$…\"' instead; or issue a new token the same way");
            }
            checkHash(a.tokenHash, at + ".tokenHash", problems);
            checkHash(a.passwordHash, at + ".passwordHash", problems);
            SigningKey signingKey = null;
            if (a.signingKey != null) {
                try {
                    signingKey = SigningKey.parse(a.signingKey);
                } catch (IllegalArgumentException invalid) {
                    problems.add(at + ".signingKey: " + invalid.getMessage());
                }
            }
            admins.add(new Admin(a.name, a.roles == null ? Set.of() : Set.copyOf(a.roles),
                    a.osUsers == null ? List.of() : a.osUsers, a.tokenHash, a.passwordHash, signingKey));
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

    private static void checkHash(String phc, String at, List<String> problems) {
        if (phc == null) {
            return;
        }
        try {
            SecretHash.parse(phc);
        } catch (IllegalArgumentException invalid) {
            problems.add(at + ": " + invalid.getMessage());
        }
    }

    /**
     * Who is acting: the admin owning {@code token} when one is given (a wrong token is refused, never
     * ignored), else the admin mapped to {@code osUser}.
     */
    public Admin identify(String osUser, String token) {
        if (token != null && !token.isEmpty()) {
            return byToken(token).orElseThrow(() -> new ApprovalRefused("the admin token matches no configured admin"));
        }
        return admins.stream().filter(a -> a.osUsers().stream().anyMatch(u -> u.equalsIgnoreCase(osUser))).findFirst()
                .orElseThrow(() -> new ApprovalRefused("OS user '" + osUser + "' is not mapped to any admin (configured: "
                        + admins.stream().map(Admin::name).collect(Collectors.joining(", ")) + ")"));
    }

    /**
     * The admin whose token hash matches {@code token}. Every admin with a token is checked (Argon2id is slow on
     * purpose; the server caches what it verified), so the time taken does not tell which admin came close.
     */
    public Optional<Admin> byToken(String token) {
        if (token == null || token.isEmpty() || token.length() > SecretHash.MAX_SECRET_CHARS) {
            return Optional.empty();
        }
        Admin found = null;
        for (Admin a : admins) {
            if (a.tokenHash() != null && SecretHash.parse(a.tokenHash()).matches(token) && found == null) {
                found = a;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The admin called {@code name} (case-insensitive) whose password hash matches {@code password}. */
    public Optional<Admin> byPassword(String name, String password) {
        Optional<Admin> admin = byName(name);
        if (admin.isEmpty() || admin.get().passwordHash() == null) {
            return Optional.empty();
        }
        return SecretHash.parse(admin.get().passwordHash()).matches(password) ? admin : Optional.empty();
    }

    public Optional<Admin> byName(String name) {
        return name == null ? Optional.empty()
                : admins.stream().filter(a -> a.name().equalsIgnoreCase(name)).findFirst();
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
        /** Read only to refuse it with how to migrate. */
        @JsonProperty
        String tokenSha256;
        @JsonProperty
        String tokenHash;
        @JsonProperty
        String passwordHash;
        /** The admin's Ed25519 public key ({@link SigningKey}): then only their signed approvals count. */
        @JsonProperty
        String signingKey;
    }
}
