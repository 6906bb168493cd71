package org.synnefo.reactive.examples;

/**
 * The {@code main} of every example: against a cloud given by {@code --auth-url} and {@code --token} (or
 * the environment) it runs that example alone; without one it starts the embedded cloud and runs the tour
 * up to that example, so that what the example acts on exists.
 */
public final class Examples {

    private Examples() {
    }

    /**
     * Runs an example and exits with its status.
     *
     * @param example the example
     * @param args the command line
     */
    public static void main(Example example, String[] args) {
        TourSettings settings;
        try {
            settings = TourSettings.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(TourSettings.USAGE);
            System.exit(2);
            return;
        }
        if (!settings.external()) {
            System.exit(Tour.run(args, System.getenv(), System.out, System.err, example));
            return;
        }
        int status;
        try (Console console = new Console(System.out);
                ExampleContext ctx = ExampleContext.builder().authUrl(settings.authUrl()).token(settings.token())
                        .project(settings.project()).out(console.stream()).build()) {
            TourResult r = Tour.run(ctx, java.util.List.of(example)).block();
            status = r.success() ? 0 : 1;
            if (!r.success()) {
                System.err.println(example.name() + " failed: " + r.reason());
            }
        }
        System.exit(status);
    }
}
