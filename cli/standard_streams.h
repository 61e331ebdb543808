// tangle's standard streams, whatever state it was started in. Closed
// descriptors 0-2 are opened on /dev/null first (else tangle's own files,
// the program's shared memory, would land there and be mistaken for the
// program's input or output); a reader that goes away (`| head`) makes
// tangle finish quietly with a documented exit code.
#pragma once

namespace tangle {

/// Opens /dev/null on each of descriptors 0, 1 and 2 that is closed.
void openStandardStreams();

/// Flushes llvm::outs() and llvm::errs(). When the output could not be
/// written because its reader went away, returns ExitOutputClosed (141);
/// on another write error says so on stderr and returns 2; otherwise
/// returns `code`. Clears the streams' errors (LLVM aborts at exit on an
/// unchecked one).
int finishStandardStreams(int code);

} // namespace tangle
