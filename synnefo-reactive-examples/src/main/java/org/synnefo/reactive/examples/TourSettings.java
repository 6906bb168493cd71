package org.synnefo.reactive.examples;

import java.time.Duration;
import java.util.Map;

/**
 * What the command line and the environment say: which cloud ({@code --auth-url} and {@code --token}, or
 * {@code SYNNEFO_AUTH_URL} and {@code SYNNEFO_TOKEN}; none means the embedded cloud), the project to charge
 * ({@code --project}), and the embedded cloud's state delay ({@code --state-delay MILLIS}).
 *
 * @param authUrl the identity URL of an existing cloud, or {@code null} for the embedded one
 * @param token the token for that cloud, or {@code null}
 * @param project the project id or name to charge new resources to, or {@code null}
 * @param stateDelay how long the embedded cloud's servers, ports and volumes take to change state
 */
public record TourSettings(String authUrl, String token, String project, Duration stateDelay) {

    /** The embedded cloud's default state delay: long enough to watch a build, short enough for the tour. */
    public static final Duration DEFAULT_STATE_DELAY = Duration.ofMillis(1500);

    /** The usage line. */
    public static final String USAGE = "usage: java -jar synnefo-tour.jar [--auth-url URL --token TOKEN] "
            + "[--project ID|NAME] [--state-delay MILLIS]  (or SYNNEFO_AUTH_URL and SYNNEFO_TOKEN in the environment)";

    /** @return true when the settings name a cloud; false for the embedded one */
    public boolean external() {
        return authUrl != null;
    }

    /**
     * @param args the command line
     * @param env the environment
     * @return the settings
     * @throws IllegalArgumentException for an unknown or incomplete argument
     */
    public static TourSettings parse(String[] args, Map<String, String> env) {
        String authUrl = blankToNull(env.get("SYNNEFO_AUTH_URL"));
        String token = blankToNull(env.get("SYNNEFO_TOKEN"));
        String project = null;
        Duration delay = DEFAULT_STATE_DELAY;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException("help requested");
            }
            if (!name.equals("--auth-url") && !name.equals("--token") && !name.equals("--project")
                    && !name.equals("--state-delay")) {
                throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                value = args[++i];
            }
            switch (name) {
                case "--auth-url" -> authUrl = value;
                case "--token" -> token = value;
                case "--project" -> project = value;
                default -> {
                    try {
                        delay = Duration.ofMillis(Long.parseLong(value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("not a number of milliseconds: " + value);
                    }
                    if (delay.isNegative()) {
                        throw new IllegalArgumentException("negative state delay: " + value);
                    }
                }
            }
        }
        if ((authUrl == null) != (token == null)) {
            throw new IllegalArgumentException("give both an auth URL and a token, or neither (for the embedded cloud)");
        }
        return new TourSettings(authUrl, token, project, delay);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "TourSettings[authUrl=" + authUrl + ", token=" + (token == null ? null : "<redacted>") + ", project="
                + project + ", stateDelay=" + stateDelay + "]";
    }
}
