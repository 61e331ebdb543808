// A student's folder with one source file: that file is the submission.
int main(void) { return 0; }
