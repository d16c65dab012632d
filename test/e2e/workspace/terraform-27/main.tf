# The orders service: a Fargate task definition whose container reads its database password from Secrets
# Manager, and the execution role that ECS uses to read it.
resource "aws_ecs_task_definition" "orders" {
  family                   = "orders"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.orders_execution.arn

  container_definitions = jsonencode([
    {
      name                   = "orders"
      image                  = "public.ecr.aws/nginx/nginx:1.27"
      essential              = true
      readonlyRootFilesystem = true
      secrets = [
        {
          name      = "DB_PASSWORD"
          valueFrom = "arn:aws:secretsmanager:eu-west-1:210987654321:secret:orders/db-password-Xy12Ab"
        }
      ]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = "/ecs/orders"
          awslogs-region        = "eu-west-1"
          awslogs-stream-prefix = "orders"
        }
      }
    }
  ])
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
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
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
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
