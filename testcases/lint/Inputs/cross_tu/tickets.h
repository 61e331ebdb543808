// Shared by cross_tu_compile_db*.c: the ticket count lives in a file;
// ticket_store.c reads and writes it, ticket_sell.c sells one ticket.
#define TICKETS_PATH "tickets.txt"

int read_count(void);
void write_count(int left);
void *sell(void *arg);
