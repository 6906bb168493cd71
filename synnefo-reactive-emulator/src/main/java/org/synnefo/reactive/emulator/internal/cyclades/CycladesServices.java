package org.synnefo.reactive.emulator.internal.cyclades;

import java.util.List;
import org.synnefo.reactive.emulator.internal.EmulatorContext;
import org.synnefo.reactive.emulator.internal.ServiceHandler;

/**
 * Creates the emulated Cyclades service handlers (compute, network, block storage) and Plankton,
 * all sharing one {@link CycladesBackend}, which is also registered in the context so that the
 * public seeding API ({@code org.synnefo.reactive.emulator.CycladesSeed}) can reach it.
 */
public final class CycladesServices {

    private CycladesServices() {
    }

    /** The handlers of this service family, to be mounted by the router. */
    public static List<ServiceHandler> create(EmulatorContext context) {
        SshKeys.warmUp();
        CycladesBackend backend = new CycladesBackend(context);
        context.register(CycladesBackend.class, backend);
        return List.of(new ComputeService(backend), new NetworkService(backend), new VolumeService(backend),
                new ImageService(backend));
    }
}
