# The execution role of the orders task definition (ecs.tf) and its policy.
data "aws_iam_policy_document" "orders_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["210987654321"]
    }
  }
}

resource "aws_iam_role" "orders_execution" {
  name               = "orders-execution"
  assume_role_policy = data.aws_iam_policy_document.orders_assume.json
}

data "aws_iam_policy_document" "orders_execution" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:eu-west-1:210987654321:log-group:/ecs/orders:*"]
  }
}

resource "aws_iam_role_policy" "orders_execution" {
  name   = "orders-execution"
  role   = aws_iam_role.orders_execution.id
  policy = data.aws_iam_policy_document.orders_execution.json
}
