// pipeline/platform/interrupt.h — Ctrl-C and SIGTERM, noticed rather than obeyed at once.
//
// The handler only sets a flag. Long loops (hashing, waiting for reader processes)
// check Interrupted() and unwind normally, so the work directory is removed and
// the run exits with 130. Reader processes get the signal from the terminal too,
// and the runner kills any that remain.
#ifndef QPM_PIPELINE_PLATFORM_INTERRUPT_H_
#define QPM_PIPELINE_PLATFORM_INTERRUPT_H_

namespace qpm {

// Installs the handlers for SIGINT, SIGTERM, SIGHUP and SIGQUIT, ignores SIGPIPE,
// and turns core dumps off. Call once, early.
void InstallInterruptHandlers();

// True once SIGINT or SIGTERM has arrived.
bool Interrupted();

// Restores the default handlers; for a forked reader process, which should simply die.
void ResetInterruptHandlersForChild();

}  // namespace qpm

#endif  // QPM_PIPELINE_PLATFORM_INTERRUPT_H_
