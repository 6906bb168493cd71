package org.synnefo.reactive.emulator;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that injects a started {@link SynnefoEmulator} into test constructors and
 * methods. One emulator serves a whole test class (created on first use, closed after the class);
 * nested classes share their outer class's emulator.
 *
 * <pre>{@code
 * @ExtendWith(SynnefoEmulatorExtension.class)
 * class MyTest {
 *     @Test
 *     void lists(SynnefoEmulator emulator) { ... emulator.authUrl() ... }
 * }
 * }</pre>
 *
 * To configure the emulator, register an instance instead:
 * {@code @RegisterExtension static SynnefoEmulatorExtension emulator =
 * SynnefoEmulatorExtension.configured(b -> b.blockSize(1024));}
 *
 * <p>JUnit is a {@code provided} dependency of the emulator: tests that use this class already have it.
 */
public final class SynnefoEmulatorExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SynnefoEmulatorExtension.class);

    private final Consumer<SynnefoEmulator.Builder> configuration;

    /** An extension that starts emulators with the default configuration. */
    public SynnefoEmulatorExtension() {
        this(b -> { });
    }

    private SynnefoEmulatorExtension(Consumer<SynnefoEmulator.Builder> configuration) {
        this.configuration = configuration;
    }

    /** An extension whose emulators are configured by {@code configuration} before they start. */
    public static SynnefoEmulatorExtension configured(Consumer<SynnefoEmulator.Builder> configuration) {
        return new SynnefoEmulatorExtension(Objects.requireNonNull(configuration));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == SynnefoEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ExtensionContext owner = classContext(extensionContext);
        Holder holder = owner.getStore(NAMESPACE).getOrComputeIfAbsent(Holder.class,
                k -> new Holder(start()), Holder.class);
        return holder.emulator;
    }

    private SynnefoEmulator start() {
        SynnefoEmulator.Builder b = SynnefoEmulator.builder();
        configuration.accept(b);
        try {
            return b.start();
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot start the Synnefo emulator", e);
        }
    }

    /** The outermost class-level context: one emulator per top-level test class. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        ExtensionContext found = context;
        while (c != null) {
            if (c.getTestClass().isPresent() && c.getTestMethod().isEmpty()) {
                found = c;
            }
            c = c.getParent().orElse(null);
        }
        return found;
    }

    /** Closes the emulator when its class context ends. */
    private static final class Holder implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final SynnefoEmulator emulator;

        Holder(SynnefoEmulator emulator) {
            this.emulator = emulator;
        }

        @Override
        public void close() {
            emulator.close();
        }
    }
}
