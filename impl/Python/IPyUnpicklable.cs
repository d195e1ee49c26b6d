namespace Multiprocessing.Python;

/// <summary>
/// A value CPython cannot pickle (a lambda, a generator), with CPython's own error for it: the pickler raises that
/// instead of its generic "the type is not allowed", wherever the value is pickled (a Queue's feeder, SimpleQueue.put,
/// Connection.send).
/// </summary>
public interface IPyUnpicklable
{
    /// <summary>CPython's error for pickling this value, e.g. <c>PicklingError("Can't pickle &lt;function &lt;lambda&gt; at 0x...&gt;: attribute lookup &lt;lambda&gt; on __main__ failed")</c>.</summary>
    System.Exception PicklingError();
}
