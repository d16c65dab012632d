// Helpers the `cfn/*` rules share.

/** `AWS::IAM::Role` -> "`AWS::IAM::Role`"; a property type `AWS::IAM::Role.Policy` -> "a `Policy` of `AWS::IAM::Role`". */
export function ownerText(owner: string): string {
  const dot = owner.indexOf('.');
  return dot < 0 ? `\`${owner}\`` : `a \`${owner.slice(dot + 1)}\` of \`${owner.slice(0, dot)}\``;
}
