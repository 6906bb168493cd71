package org.synnefo.reactive.pithos.transfer;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a directory upload or download. One file's failure does not stop the others; it is
 * listed in {@link #failed()}.
 *
 * @param transferred object names transferred, in completion order
 * @param directories directory markers created (upload) or local directories made (download)
 * @param failed object names (or local paths) that failed, with the error
 * @param refused object names refused because they would escape the target directory
 * @param bytes bytes of the files transferred
 */
public record DirectoryTransferResult(List<String> transferred, List<String> directories,
        Map<String, Throwable> failed, List<String> refused, long bytes) {

    /** Copies. */
    public DirectoryTransferResult {
        transferred = List.copyOf(transferred);
        directories = List.copyOf(directories);
        failed = Map.copyOf(failed);
        refused = List.copyOf(refused);
    }

    /** @return whether every file was transferred */
    public boolean isComplete() {
        return failed.isEmpty() && refused.isEmpty();
    }
}
