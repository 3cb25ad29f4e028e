using System;
using RxStreams.Operators;

namespace RxStreams.Processing;

/// <summary>Runs a <see cref="ProcessFunction{TIn, TOut}"/> over every record; control elements pass unchanged.</summary>
internal sealed class ProcessOperator<TIn, TOut> : StreamOperator<TIn, TOut>
{
    private readonly Func<ProcessFunction<TIn, TOut>> _factory;
    private readonly DeadLetters? _deadLetters;

    public ProcessOperator(IObservable<StreamElement<TIn>> source, Func<ProcessFunction<TIn, TOut>> factory, DeadLetters? deadLetters, string name)
        : base(source, name)
    {
        _factory = factory;
        _deadLetters = deadLetters;
    }

    protected override OperatorSink<TIn, TOut> CreateSink(IObserver<StreamElement<TOut>> observer) => new Sink(this, observer);

    private sealed class Sink : OperatorSink<TIn, TOut>
    {
        private readonly ProcessFunction<TIn, TOut> _function;
        private readonly ProcessContext<TOut>.Plain _context;

        public Sink(ProcessOperator<TIn, TOut> parent, IObserver<StreamElement<TOut>> observer)
            : base(observer, parent.Name, parent._deadLetters)
        {
            _context = new ProcessContext<TOut>.Plain(observer, null);
            _function = ProcessFunctions.Create(parent._factory, Name);
            ProcessFunctions.Open(Name, () => _function.Open(new RuntimeContext(Name, null)));
        }

        protected override void OnRecord(TIn value, long timestamp)
        {
            _context.SetTimestamp(timestamp);
            try
            {
                _function.ProcessElement(value, _context);
            }
            catch (Processing.DownstreamFailure failure)
            {
                failure.Rethrow();
            }
            catch (Exception ex)
            {
                Fail(ex, value, timestamp);
            }
        }

        protected override void OnControl(StreamElement<TIn> element)
        {
            if (element.Kind == ElementKind.Watermark)
            {
                _context.CurrentWatermark = element.Timestamp;
            }

            Downstream.OnNext(element.AsControl<TOut>());
        }
    }
}
