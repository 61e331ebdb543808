// The pages an execution touches in what the fork server had mapped,
// populated in one go as the next execution starts.
//
// A fork copies the page tables of the server's anonymous memory only: an
// execution then takes a page fault for every page of code it runs (file
// mappings are not copied), a copy-on-write fault for every page of the
// server's data it writes, and a fault for every fresh page. On this kind
// of virtual machine a fault costs 13-28 µs of CPU, against 0.2-4.5 µs per
// page when madvise(MADV_POPULATE_READ/WRITE) maps a whole range at once;
// lastzero's executions took about 75 faults each. So some executions note
// which pages they had mapped when they ended (/proc/self/pagemap), and
// every execution populates the union of those pages as it starts, before
// the program runs. It changes no content: a populated page reads as it
// would have read, and pages no execution touched stay as they were.
#pragma once

namespace tangle::rt {

/// In the fork server, once, after its last mapping: notes its mappings
/// (the program's and the libraries' code and data, the heap, main's
/// stack; not shared mappings, nor reservations of 64 MiB and more such as
/// the pool of thread stacks) and maps the shared record of their pages.
void noteServerMappings();

/// In an execution, first thing: populates the pages earlier executions
/// touched.
void populateWorkingSet();

/// As an execution ends: on some executions (the 1st, 2nd, 4th, 8th, ...,
/// and every 256th), adds the pages it has mapped to the record.
void learnWorkingSet();

} // namespace tangle::rt
