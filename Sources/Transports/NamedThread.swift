import CNet
import Foundation

/// Threads that top, perf and /proc show by their own names.
public enum NamedThread {
    /// Starts a thread called `name` running `body`. The name is set from inside the thread:
    /// Foundation's `Thread.name` does not reach the kernel on Linux, whose threads then showed
    /// the name of the (dispatch) thread that started them. Linux keeps the first 15 bytes.
    public static func start(_ name: String, _ body: @escaping @Sendable () -> Void) {
        Thread {
            pk_name_current_thread(name)
            body()
        }.start()
    }
}
