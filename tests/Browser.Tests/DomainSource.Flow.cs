using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workflows.Browser.Tests;

/// <summary>
/// How a string travels beyond a local: through a pattern variable (<c>x.EndedWith is { } outcome</c>), a
/// positional record property (<c>x.EndedWith</c>: what every <c>new Result(..., endedWith)</c> passes) and the
/// returns of a method of the domain (<c>await PrescreenAsync()</c>, <c>Ended(outcome, "NotVerified")</c>).
/// Without a semantic model a name must be unambiguous: a property several records declare, or a method
/// called on an object rather than on its own type, stays unresolved and is reported.
/// </summary>
public sealed partial class DomainSource
{
    /// <summary>
    /// Adds the values of a pattern variable declared in <paramref name="scope"/>: the tested expression when the
    /// variable stands for all of it (<c>is { } x</c>, <c>is string x</c>, <c>is var x</c>). False when no such variable exists.
    /// </summary>
    private bool PatternVariable(SyntaxNode scope, string name, Values values, HashSet<SyntaxNode> visited)
    {
        var designations = scope.DescendantNodes().OfType<SingleVariableDesignationSyntax>().Where(d => d.Identifier.Text == name).ToList();
        foreach (var designation in designations)
        {
            if (designation.Parent is RecursivePatternSyntax or DeclarationPatternSyntax or VarPatternSyntax
                && designation.Parent.Parent is IsPatternExpressionSyntax test)
            {
                Evaluate(test.Expression, values, visited);
            }
            else
            {
                values.Unknown(designation);
            }
        }

        return designations.Count > 0;
    }

    /// <summary>
    /// The values given to a positional record property (<c>record Result(..., string? EndedWith)</c>) by every
    /// <c>new Result(...)</c> and <c>with { EndedWith = ... }</c>; null unless that record is the only type with a
    /// property of that name (the receiver's type is not known from syntax).
    /// </summary>
    private List<ExpressionSyntax>? RecordArguments(MemberAccessExpressionSyntax member)
    {
        var property = member.Name.Identifier.Text;
        var records = Nodes.OfType<RecordDeclarationSyntax>()
            .Where(r => r.ParameterList?.Parameters.Any(p => p.Identifier.Text == property) == true)
            .ToList();
        var declaring = Nodes.OfType<PropertyDeclarationSyntax>().Where(p => p.Identifier.Text == property).Select(p => p.Parent).Concat(records).Distinct().Count();
        if (records.Count != 1 || declaring != 1)
        {
            return null;
        }

        var record = records[0];
        var parameters = record.ParameterList!.Parameters;
        var index = parameters.IndexOf(p => p.Identifier.Text == property);
        var given = new List<ExpressionSyntax>();
        foreach (var creation in Nodes.OfType<ObjectCreationExpressionSyntax>().Where(c => TypeName(c.Type) == record.Identifier.Text))
        {
            var arguments = creation.ArgumentList?.Arguments ?? default;
            var argument = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.Text == property)
                ?? (index < arguments.Count && arguments[index].NameColon is null ? arguments[index] : null);
            if (argument is not null)
            {
                given.Add(argument.Expression);
            }
            else if (parameters[index].Default is { } fallback)
            {
                given.Add(fallback.Value);
            }
        }

        given.AddRange(Nodes.OfType<WithExpressionSyntax>()
            .SelectMany(w => w.Initializer.Expressions.OfType<AssignmentExpressionSyntax>())
            .Where(a => a.Left is IdentifierNameSyntax left && left.Identifier.Text == property)
            .Select(a => a.Right));
        return given;
    }

    /// <summary>
    /// What the domain method an invocation calls can return (expression body or <c>return</c> statements, not
    /// those of nested lambdas); null when <see cref="Target"/> does not know the method.
    /// </summary>
    private List<ExpressionSyntax>? Returns(InvocationExpressionSyntax invocation)
    {
        var name = NameOf(invocation);
        var local = invocation.Expression is IdentifierNameSyntax
            ? invocation.Ancestors().SelectMany(a => a.ChildNodes().OfType<LocalFunctionStatementSyntax>()).FirstOrDefault(f => f.Identifier.Text == name)
            : null;
        if (local is not null)
        {
            return [.. Returned(local.ExpressionBody, local.Body)];
        }

        return Target(invocation) is { } methods ? [.. methods.SelectMany(m => Returned(m.ExpressionBody, m.Body))] : null;
    }

    /// <summary>
    /// The declarations (overloads) of the method an invocation calls, when its syntax identifies exactly one type's
    /// method: an unqualified call (its own type and those around it, then the <c>using static</c> types) or
    /// <c>Type.Method(...)</c>. A call on an object (<c>x.Method()</c>) names no type and gives null.
    /// </summary>
    private List<MethodDeclarationSyntax>? Target(InvocationExpressionSyntax invocation)
    {
        var name = NameOf(invocation);
        if (name is null)
        {
            return null;
        }

        var owners = invocation.Expression switch
        {
            IdentifierNameSyntax or GenericNameSyntax => invocation.Ancestors().OfType<TypeDeclarationSyntax>().Select(t => t.Identifier.Text)
                .Concat(invocation.SyntaxTree.GetCompilationUnitRoot().Usings.Where(u => u.StaticKeyword != default).Select(u => u.NamespaceOrType.ToString().Split('.')[^1]))
                .ToList(),
            MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax } access => [access.Expression.ToString().Split('.')[^1]],
            _ => [],
        };
        var count = invocation.ArgumentList.Arguments.Count;
        foreach (var owner in owners)
        {
            var methods = Nodes.OfType<MethodDeclarationSyntax>()
                .Where(m => m.Identifier.Text == name && (m.Parent as TypeDeclarationSyntax)?.Identifier.Text == owner && Accepts(m.ParameterList, count))
                .ToList();
            if (methods.Count > 0)
            {
                return methods.Select(m => m.Parent).Distinct().Count() == 1 ? methods : null;
            }
        }

        return null;
    }

    /// <summary>
    /// Every call of <paramref name="typeName"/>.<paramref name="methodName"/> in this source, as its arguments by
    /// parameter name (a parameter left out has its default value).
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, ExpressionSyntax>> Calls(string typeName, string methodName)
    {
        var calls = new List<IReadOnlyDictionary<string, ExpressionSyntax>>();
        foreach (var invocation in Invocations(methodName))
        {
            if (Target(invocation) is not { } methods || (methods[0].Parent as TypeDeclarationSyntax)?.Identifier.Text != typeName)
            {
                continue;
            }

            var arguments = invocation.ArgumentList.Arguments;
            var parameters = methods.Select(m => m.ParameterList.Parameters).First(p => p.Count >= arguments.Count);
            var byName = new Dictionary<string, ExpressionSyntax>(StringComparer.Ordinal);
            for (var i = 0; i < parameters.Count; i++)
            {
                var parameter = parameters[i];
                var argument = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.Text == parameter.Identifier.Text)
                    ?? (i < arguments.Count && arguments[i].NameColon is null ? arguments[i] : null);
                if ((argument?.Expression ?? parameter.Default?.Value) is { } given)
                {
                    byName[parameter.Identifier.Text] = given;
                }
            }

            calls.Add(byName);
        }

        return calls;
    }

    /// <summary>The methods of this source that take a parameter named <paramref name="parameter"/>, as their type and name.</summary>
    public IReadOnlyList<(string Type, string Method)> MethodsTaking(string parameter) =>
        [.. Nodes.OfType<MethodDeclarationSyntax>()
            .Where(m => m.Parent is TypeDeclarationSyntax && m.ParameterList.Parameters.Any(p => p.Identifier.Text == parameter))
            .Select(m => (((TypeDeclarationSyntax)m.Parent!).Identifier.Text, m.Identifier.Text))
            .Distinct()];

    /// <summary>The arguments of every <c>new {typeName}(...)</c> in this source, in order.</summary>
    public IReadOnlyList<IReadOnlyList<ExpressionSyntax>> Creations(string typeName) =>
        [.. Nodes.OfType<ObjectCreationExpressionSyntax>()
            .Where(c => TypeName(c.Type) == typeName && c.ArgumentList is not null)
            .Select(c => (IReadOnlyList<ExpressionSyntax>)[.. c.ArgumentList!.Arguments.Select(a => a.Expression)])];

    /// <summary>Every object initializer of <c>new {typeName} { ... }</c> in this source, as the assigned expressions by property name.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, ExpressionSyntax>> Initializers(string typeName) =>
        [.. Nodes.OfType<BaseObjectCreationExpressionSyntax>()
            .Where(c => c.Initializer is not null && (c is ObjectCreationExpressionSyntax o ? TypeName(o.Type) == typeName : ImpliedType(c) == typeName))
            .Select(c => (IReadOnlyDictionary<string, ExpressionSyntax>)c.Initializer!.Expressions.OfType<AssignmentExpressionSyntax>()
                .Where(a => a.Left is IdentifierNameSyntax)
                .ToDictionary(a => ((IdentifierNameSyntax)a.Left).Identifier.Text, a => a.Right, StringComparer.Ordinal))];

    /// <summary>The values <paramref name="expression"/> can have.</summary>
    public Values ValuesOf(ExpressionSyntax expression)
    {
        var values = new Values();
        Evaluate(expression, values);
        return values;
    }

    /// <summary>The declared type a target-typed <c>new() { ... }</c> creates, when its declaration says (a typed local, field or property).</summary>
    private static string? ImpliedType(BaseObjectCreationExpressionSyntax creation) => creation.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } } => TypeName(declaration.Type),
        EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => TypeName(property.Type),
        _ => null,
    };

    private static IEnumerable<ExpressionSyntax> Returned(ArrowExpressionClauseSyntax? expressionBody, BlockSyntax? body) =>
        expressionBody is not null
            ? [expressionBody.Expression]
            : body?.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>().Select(r => r.Expression).OfType<ExpressionSyntax>() ?? [];

    private static bool Accepts(ParameterListSyntax parameters, int count) =>
        count <= parameters.Parameters.Count && parameters.Parameters.Count(p => p.Default is null && !p.Modifiers.Any(SyntaxKind.ParamsKeyword)) <= count;

    private static string? TypeName(TypeSyntax type) => type switch
    {
        IdentifierNameSyntax id => id.Identifier.Text,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.Text,
        _ => null,
    };
}
