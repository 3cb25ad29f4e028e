using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RxStreams.Analyzers;

/// <summary>
/// Fixes RXS0001 and RXS0002 on an extension method: inserts <c>.Values()</c> before the operator, so it works on the
/// record values; and, for RXS0001 where RxStreams has an event-time version that C# did not choose, gives the lambda's
/// parameter the record type so that it does.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PlainRxOperatorCodeFix))]
[Shared]
public sealed class PlainRxOperatorCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Descriptors.PlainOperator.Id, Descriptors.ProcessingTimeOperator.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var invocation = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
            if (!diagnostic.Properties.ContainsKey(PlainRxOperatorAnalyzer.ExtensionProperty) || Stream(invocation) is not { } stream)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Call .Values() first", c => InsertValuesAsync(context.Document, stream, c), nameof(InsertValuesAsync)),
                diagnostic);

            if (diagnostic.Properties.ContainsKey(PlainRxOperatorAnalyzer.EventTimeVersionProperty) &&
                diagnostic.Properties.TryGetValue(PlainRxOperatorAnalyzer.RecordTypeProperty, out var recordType) && recordType is not null &&
                await TypedLambdasAsync(context.Document, invocation!, recordType, context.CancellationToken).ConfigureAwait(false) is { } typed)
            {
                var name = ((MemberAccessExpressionSyntax)invocation!.Expression).Name.Identifier.Text;
                context.RegisterCodeFix(
                    CodeAction.Create($"Use RxStreams' event-time {name}", c => ReplaceAsync(context.Document, invocation!, typed, c), nameof(TypedLambdasAsync)),
                    diagnostic);
            }
        }
    }

    /// <summary>The stream expression to put <c>.Values()</c> after: the receiver of <c>s.Op(...)</c>, or the first argument of <c>Observable.Op(s, ...)</c>.</summary>
    private static ExpressionSyntax? Stream(InvocationExpressionSyntax? invocation) => invocation switch
    {
        { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "Observable" } or MemberAccessExpressionSyntax { Name.Identifier.Text: "Observable" } }, ArgumentList.Arguments.Count: > 0 } =>
            invocation.ArgumentList.Arguments[0].Expression,
        { Expression: MemberAccessExpressionSyntax member } => member.Expression,
        _ => null,
    };

    private static async Task<Document> InsertValuesAsync(Document document, ExpressionSyntax stream, CancellationToken cancellationToken)
    {
        var root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var receiver = stream is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ParenthesizedExpressionSyntax or ElementAccessExpressionSyntax or ThisExpressionSyntax
            ? stream.WithoutTrivia()
            : SyntaxFactory.ParenthesizedExpression(stream.WithoutTrivia());
        var values = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("Values")))
            .WithTriviaFrom(stream);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var resolves = model?.GetSpeculativeSymbolInfo(stream.SpanStart, values, SpeculativeBindingOption.BindAsExpression).Symbol is IMethodSymbol;
        root = root.ReplaceNode(stream, values);
        if (!resolves && root is CompilationUnitSyntax unit && !unit.Usings.Any(u => u.Name?.ToString() == "RxStreams"))
        {
            var lineEnd = unit.Usings.LastOrDefault()?.GetTrailingTrivia() ?? SyntaxFactory.TriviaList(SyntaxFactory.ElasticCarriageReturnLineFeed);
            root = unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("RxStreams")).WithTrailingTrivia(lineEnd));
        }

        return document.WithSyntaxRoot(root);
    }

    /// <summary>
    /// The call with each one-parameter lambda argument's parameter typed as the record type, when C# then chooses an
    /// RxStreams operator for it; otherwise null.
    /// </summary>
    private static async Task<InvocationExpressionSyntax?> TypedLambdasAsync(Document document, InvocationExpressionSyntax invocation, string recordType, CancellationToken cancellationToken)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax)
        {
            return null;
        }

        var type = SyntaxFactory.ParseTypeName(recordType).WithTrailingTrivia(SyntaxFactory.Space);
        var changed = false;
        var arguments = invocation.ArgumentList.Arguments.Select(argument =>
        {
            ParameterSyntax? parameter = argument.Expression switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter,
                ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters: { Count: 1 } one } when one[0].Type is null => one[0],
                _ => null,
            };
            if (parameter is null)
            {
                return argument;
            }

            changed = true;
            var lambda = (LambdaExpressionSyntax)argument.Expression;
            var typedParameter = parameter.WithoutTrivia().WithType(type);
            return argument.WithExpression(
                SyntaxFactory.ParenthesizedLambdaExpression(lambda.Modifiers, SyntaxFactory.ParameterList(SyntaxFactory.SingletonSeparatedList(typedParameter)), lambda.ArrowToken, lambda.Block, lambda.ExpressionBody)
                    .WithTriviaFrom(lambda));
        }).ToList();
        if (!changed)
        {
            return null;
        }

        var typed = invocation.WithArgumentList(invocation.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(arguments, invocation.ArgumentList.Arguments.GetSeparators())));
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var chosen = model?.GetSpeculativeSymbolInfo(invocation.SpanStart, typed, SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
        return chosen?.ContainingType.ContainingNamespace.ToDisplayString() == "RxStreams" ? typed : null;
    }

    private static async Task<Document> ReplaceAsync(Document document, SyntaxNode node, SyntaxNode replacement, CancellationToken cancellationToken)
    {
        var root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        return document.WithSyntaxRoot(root.ReplaceNode(node, replacement));
    }
}
