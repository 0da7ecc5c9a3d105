export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      ai_usage_tracking: {
        Row: {
          conversation_id: string | null
          cost_usd: number
          created_at: string
          id: string
          metadata: Json
          model: string
          provider: string
          task_type: string
          tokens_input: number
          tokens_output: number
          user_id: string | null
        }
        Insert: {
          conversation_id?: string | null
          cost_usd?: number
          created_at?: string
          id?: string
          metadata?: Json
          model: string
          provider: string
          task_type: string
          tokens_input?: number
          tokens_output?: number
          user_id?: string | null
        }
        Update: {
          conversation_id?: string | null
          cost_usd?: number
          created_at?: string
          id?: string
          metadata?: Json
          model?: string
          provider?: string
          task_type?: string
          tokens_input?: number
          tokens_output?: number
          user_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "ai_usage_tracking_conversation_id_fkey"
            columns: ["conversation_id"]
            isOneToOne: false
            referencedRelation: "conversations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "ai_usage_tracking_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      conversations: {
        Row: {
          created_at: string
          id: string
          status: string
          updated_at: string
          user_id: string
          wa_conversation_id: string | null
        }
        Insert: {
          created_at?: string
          id?: string
          status?: string
          updated_at?: string
          user_id: string
          wa_conversation_id?: string | null
        }
        Update: {
          created_at?: string
          id?: string
          status?: string
          updated_at?: string
          user_id?: string
          wa_conversation_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "conversations_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      dead_letter_queue: {
        Row: {
          created_at: string
          error: string
          id: string
          last_retry_at: string | null
          payload: Json
          phone_number: string | null
          processed_at: string | null
          retry_count: number
          wa_message_id: string | null
        }
        Insert: {
          created_at?: string
          error: string
          id?: string
          last_retry_at?: string | null
          payload: Json
          phone_number?: string | null
          processed_at?: string | null
          retry_count?: number
          wa_message_id?: string | null
        }
        Update: {
          created_at?: string
          error?: string
          id?: string
          last_retry_at?: string | null
          payload?: Json
          phone_number?: string | null
          processed_at?: string | null
          retry_count?: number
          wa_message_id?: string | null
        }
        Relationships: []
      }
      messages_v2: {
        Row: {
          content: string | null
          conversation_id: string
          direction: string
          id: string
          media_url: string | null
          timestamp: string
          type: Database["public"]["Enums"]["msg_type"]
          wa_message_id: string | null
        }
        Insert: {
          content?: string | null
          conversation_id: string
          direction: string
          id?: string
          media_url?: string | null
          timestamp?: string
          type: Database["public"]["Enums"]["msg_type"]
          wa_message_id?: string | null
        }
        Update: {
          content?: string | null
          conversation_id?: string
          direction?: string
          id?: string
          media_url?: string | null
          timestamp?: string
          type?: Database["public"]["Enums"]["msg_type"]
          wa_message_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "messages_v2_conversation_id_fkey"
            columns: ["conversation_id"]
            isOneToOne: false
            referencedRelation: "conversations"
            referencedColumns: ["id"]
          },
        ]
      }
      messaging_windows: {
        Row: {
          created_at: string
          id: string
          last_proactive_sent_at: string | null
          phone_number: string
          proactive_messages_sent_today: number
          updated_at: string
          user_id: string
          window_expires_at: string
          window_opened_at: string
        }
        Insert: {
          created_at?: string
          id?: string
          last_proactive_sent_at?: string | null
          phone_number: string
          proactive_messages_sent_today?: number
          updated_at?: string
          user_id: string
          window_expires_at: string
          window_opened_at: string
        }
        Update: {
          created_at?: string
          id?: string
          last_proactive_sent_at?: string | null
          phone_number?: string
          proactive_messages_sent_today?: number
          updated_at?: string
          user_id?: string
          window_expires_at?: string
          window_opened_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "messaging_windows_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: true
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      scheduled_messages: {
        Row: {
          chat_id: string
          created_at: string
          error_message: string | null
          id: string
          message: string
          scheduled_time: string
          sent_at: string | null
          status: string
          user_id: string
        }
        Insert: {
          chat_id: string
          created_at?: string
          error_message?: string | null
          id?: string
          message: string
          scheduled_time: string
          sent_at?: string | null
          status?: string
          user_id: string
        }
        Update: {
          chat_id?: string
          created_at?: string
          error_message?: string | null
          id?: string
          message?: string
          scheduled_time?: string
          sent_at?: string | null
          status?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "scheduled_messages_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      user_memory: {
        Row: {
          content: string
          created_at: string | null
          embedding: string | null
          id: string
          type: string
          user_id: string
        }
        Insert: {
          content: string
          created_at?: string | null
          embedding?: string | null
          id?: string
          type: string
          user_id: string
        }
        Update: {
          content?: string
          created_at?: string | null
          embedding?: string | null
          id?: string
          type?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "user_memory_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      users: {
        Row: {
          created_at: string
          id: string
          name: string | null
          phone_number: string
          preferences: Json
          updated_at: string
        }
        Insert: {
          created_at?: string
          id?: string
          name?: string | null
          phone_number: string
          preferences?: Json
          updated_at?: string
        }
        Update: {
          created_at?: string
          id?: string
          name?: string | null
          phone_number?: string
          preferences?: Json
          updated_at?: string
        }
        Relationships: []
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      ai_daily_costs: {
        Args: { p_days?: number }
        Returns: {
          cost_usd: number
          day: string
          model: string
          provider: string
          requests: number
          task_type: string
          tokens_input: number
          tokens_output: number
        }[]
      }
    }
    Enums: {
      msg_type:
        | "text"
        | "image"
        | "audio"
        | "video"
        | "document"
        | "location"
        | "interactive"
        | "button"
        | "contacts"
        | "system"
        | "sticker"
        | "reaction"
        | "order"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {
      msg_type: [
        "text",
        "image",
        "audio",
        "video",
        "document",
        "location",
        "interactive",
        "button",
        "contacts",
        "system",
        "sticker",
        "reaction",
        "order",
      ],
    },
  },
} as const
