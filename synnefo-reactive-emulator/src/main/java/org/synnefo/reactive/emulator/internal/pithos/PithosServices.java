package org.synnefo.reactive.emulator.internal.pithos;

import java.nio.file.Path;
import java.util.List;
import org.reactivestreams.Publisher;
import org.synnefo.reactive.emulator.internal.EmulatorContext;
import org.synnefo.reactive.emulator.internal.EmulatorFault;
import org.synnefo.reactive.emulator.internal.EmulatorState;
import org.synnefo.reactive.emulator.internal.Endpoints;
import org.synnefo.reactive.emulator.internal.Exchange;
import org.synnefo.reactive.emulator.internal.ObjectLookup;
import org.synnefo.reactive.emulator.internal.QuotaLedger;
import org.synnefo.reactive.emulator.internal.ServiceHandler;
import org.synnefo.reactive.emulator.internal.pithos.Model.Account;
import org.synnefo.reactive.emulator.internal.pithos.Model.Container;

/**
 * Creates the emulated Pithos+ service: the object-store API under {@link Endpoints#OBJECT_STORE} and
 * public object URLs under {@link Endpoints#PITHOS_PUBLIC}, over one block store and one metadata store
 * (persistent under {@code <dataDir>/pithos} when the emulator has a data directory). Registers the
 * {@link ObjectLookup} view for Plankton.
 */
public final class PithosServices {

    /** Usage charged per project for stored bytes. */
    public static final String DISKSPACE = "pithos.diskspace";

    private PithosServices() {
    }

    /** The handlers of this service family, to be mounted by the router. */
    public static List<ServiceHandler> create(EmulatorContext context) {
        EmulatorState state = context.state();
        Path dir = state.dataDir() == null ? null : state.dataDir().resolve("pithos");
        Hashing hashing = new Hashing(state.blockHash());
        BlockStore blocks = new BlockStore(hashing, dir == null ? null : dir.resolve("blocks"));
        PithosStore store = new PithosStore(dir == null ? null : dir.resolve("meta"));
        context.onClose(store::close);
        DataPath data = new DataPath(blocks, state.blockSize());
        PithosApi api = new PithosApi(context, store, data, Endpoints.OBJECT_STORE, Endpoints.PITHOS_PUBLIC);
        store.merkle(api::merkle);
        QuotaLedger ledger = context.ledger();
        if (!ledger.resources().contains(DISKSPACE)) {
            // Identity normally declares the resource; without it uploads must still work.
            ledger.defaultCapacity(DISKSPACE, new QuotaLedger.Capacity(Long.MAX_VALUE / 4, Long.MAX_VALUE / 4));
        }
        chargeRestored(store, ledger);
        context.register(ObjectLookup.class, store);
        ServiceHandler publicUrls = new ServiceHandler() {
            @Override
            public String prefix() {
                return Endpoints.PITHOS_PUBLIC;
            }

            @Override
            public Publisher<Void> handle(Exchange exchange) {
                String sub = exchange.rawSubPath();
                String token = sub.startsWith("/") ? sub.substring(1) : sub;
                if (token.isEmpty() || token.contains("/")) {
                    throw EmulatorFault.notFound("Object does not exist");
                }
                return api.servePublic(exchange, token);
            }
        };
        return List.of(api, publicUrls);
    }

    /** Usage of what was restored from disk is charged again, since the ledger lives in memory. */
    private static void chargeRestored(PithosStore store, QuotaLedger ledger) {
        for (Account a : store.accounts()) {
            for (Container c : a.containers.values()) {
                if (c.bytes > 0) {
                    try {
                        ledger.charge(c.project, a.uuid, DISKSPACE, c.bytes);
                    } catch (EmulatorFault overLimit) {
                        // a lowered limit must not stop the server from starting; the data stays readable
                    }
                }
            }
        }
    }
}
